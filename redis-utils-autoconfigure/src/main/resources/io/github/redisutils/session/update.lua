-- Sets and removes fields of an existing session; never creates one. Fields are written
-- one by one (HSET/HDEL), so concurrent updates of different attributes never lose each
-- other.
-- KEYS[1]: the session's hash
-- ARGV[1]: number n of fields to set
-- ARGV[2 .. 2n+1]: field/value pairs to set
-- ARGV[2n+2 ..]: fields to remove
-- Returns 1 when the session exists, else 0.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local n = tonumber(ARGV[1])
if n > 0 then
  local args = {}
  for i = 2, 2 * n + 1 do
    args[#args + 1] = ARGV[i]
  end
  redis.call('HSET', KEYS[1], unpack(args))
end
if #ARGV > 2 * n + 1 then
  local removed = {}
  for i = 2 * n + 2, #ARGV do
    removed[#removed + 1] = ARGV[i]
  end
  redis.call('HDEL', KEYS[1], unpack(removed))
end
return 1
