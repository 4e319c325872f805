-- Writes a value with an expiry mode.
-- KEYS[1]: the value's key
-- ARGV[1]: the bytes to write, ARGV[2]: expiry mode, ARGV[3]: TTL in milliseconds
-- @include values/write.lua
write(KEYS[1], ARGV[1], ARGV[2], ARGV[3], redis.call('EXISTS', KEYS[1]) == 1)
return 1
