-- Take permits of a semaphore if enough are free, after purging the holders whose lease ended.
-- KEYS[1]: the semaphore's holders, a sorted set: member '<permits>:<owner token>', score the end
--          of that acquisition's lease in ms of server time; it expires with its longest lease
-- ARGV[1]: the member of this acquisition ('<permits>:<random owner token>')
-- ARGV[2]: the permits asked
-- ARGV[3]: the semaphore's permits, as the caller's view of it counts them
-- ARGV[4]: the lease in milliseconds
-- Returns {1, permits left free} when taken, {0, ms until the earliest holder's lease ends} when
-- not enough are free (-1 when nobody holds: more permits were asked than exist).
-- @include lock/zset-lease.lua
local now = now_millis()
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local holders = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
local used = 0
local earliest = -1
for i = 1, #holders, 2 do
  used = used + held_permits(holders[i])
  local remaining = tonumber(holders[i + 1]) - now
  if earliest < 0 or remaining < earliest then
    earliest = remaining
  end
end
local asked = tonumber(ARGV[2])
local permits = tonumber(ARGV[3])
if used + asked > permits then
  return {0, earliest}
end
redis.call('ZADD', KEYS[1], string.format('%.0f', now + tonumber(ARGV[4])), ARGV[1])
expire_with_last(KEYS[1])
return {1, permits - used - asked}
