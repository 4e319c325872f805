-- Returns a value and changes its TTL.
-- KEYS[1]: the value's key
-- ARGV[1]: expiry mode (AFTER or NEVER; KEEP reads only), ARGV[2]: TTL in milliseconds
-- Returns the bytes, or nil when the key does not exist.
local value = redis.call('GET', KEYS[1])
if value ~= false then
  if ARGV[1] == 'AFTER' then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
  elseif ARGV[1] == 'NEVER' then
    redis.call('PERSIST', KEYS[1])
  end
end
return value
