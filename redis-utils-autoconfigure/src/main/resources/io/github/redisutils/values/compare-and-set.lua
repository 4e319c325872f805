-- Replaces a value only while it holds exactly the expected bytes.
-- KEYS[1]: the value's key
-- ARGV[1]: the bytes expected, ARGV[2]: the bytes to write
-- ARGV[3]: expiry mode, ARGV[4]: TTL in milliseconds
-- Returns {1} when the value was replaced; {0, current bytes} when it holds other bytes (the
-- caller compares what they encode: the same value may be stored with another encoding), and
-- {0} (or {0, nil}) when there is no value.
-- @include values/write.lua
local current = redis.call('GET', KEYS[1])
if current ~= ARGV[1] then
  return { 0, current }
end
write(KEYS[1], ARGV[2], ARGV[3], ARGV[4], true)
return { 1 }
