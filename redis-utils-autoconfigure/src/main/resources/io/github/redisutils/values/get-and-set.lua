-- Writes a value and returns the one it replaced.
-- KEYS[1]: the value's key
-- ARGV[1]: the bytes to write, ARGV[2]: expiry mode, ARGV[3]: TTL in milliseconds
-- Returns the previous bytes, or nil when the key did not exist.
-- @include values/write.lua
local previous = redis.call('GET', KEYS[1])
write(KEYS[1], ARGV[1], ARGV[2], ARGV[3], previous ~= false)
return previous
