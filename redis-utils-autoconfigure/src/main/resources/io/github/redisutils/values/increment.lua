-- Adds to a counter and applies the expiry mode.
-- KEYS[1]: the counter's key
-- ARGV[1]: the amount (a 64-bit integer), ARGV[2]: expiry mode, ARGV[3]: TTL in milliseconds
-- Returns the counter after the addition. A value that is no integer raises Redis's own
-- "value is not an integer" error, which the call layer reports as malformed data.
local existed = redis.call('EXISTS', KEYS[1]) == 1
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
local mode = ARGV[2]
if mode == 'AFTER' or (mode == 'ON_CREATE' and not existed) then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
elseif mode == 'NEVER' then
  redis.call('PERSIST', KEYS[1])
end
return value
