-- Give back an acquisition kept in a sorted set (semaphore permits, a read lock) if, and only if,
-- its lease is still running, and wake the waiters.
-- KEYS[1]: the sorted set of holders, member -> end of the lease in ms of server time
-- ARGV[1]: the member of this acquisition (it holds its random owner token)
-- ARGV[2]: the pub/sub channel on which waiters are woken
-- Returns 1 when released, 0 when the acquisition was not held any more (its lease had ended, or
-- it was deleted); an entry whose lease ended is removed all the same.
-- @include lock/zset-lease.lua
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score then
  return 0
end
redis.call('ZREM', KEYS[1], ARGV[1])
if tonumber(score) <= now_millis() then
  return 0
end
redis.call('PUBLISH', ARGV[2], '')
return 1
