-- Set a new lease on an acquisition kept in a sorted set if, and only if, its lease is running.
-- KEYS[1]: the sorted set of holders, member -> end of the lease in ms of server time
-- ARGV[1]: the member of this acquisition
-- ARGV[2]: the new lease in milliseconds, counted from now (server time)
-- Returns 1 when extended, 0 when the acquisition is not held any more.
-- @include lock/zset-lease.lua
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
local now = now_millis()
if not score or tonumber(score) <= now then
  return 0
end
redis.call('ZADD', KEYS[1], 'XX', string.format('%.0f', now + tonumber(ARGV[2])), ARGV[1])
expire_with_last(KEYS[1])
return 1
