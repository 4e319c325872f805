-- Take the read side of a read-write lock: granted while no writer holds the lock and no writer
-- waits for it (writers are preferred, so that a stream of readers cannot starve them).
-- KEYS[1]: the write key, holding the writer's owner token and expiring with its lease
-- KEYS[2]: the readers, a sorted set: owner token -> end of the lease in ms of server time; it
--          expires with its longest lease
-- KEYS[3]: the waiting writers, a sorted set: waiter id -> end of its intent in ms of server time
-- KEYS[4]: the last fencing token of the lock name, shared by both sides; it never expires
-- ARGV[1]: the owner token of this acquisition
-- ARGV[2]: the lease in milliseconds
-- Returns {1, fencing token} when granted, {0, ms after which to try again at the latest} when a
-- writer holds or waits (-1 when unknown: try again after the poll interval).
-- @include core/stored-number.lua
-- @include lock/zset-lease.lua
local last = stored_number(redis.call('GET', KEYS[4]), 'fence') or 0
local micros = now_micros()
local now = math.floor(micros / 1000)
local writer = redis.call('PTTL', KEYS[1])
if writer ~= -2 then
  return {0, writer}
end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
local waiting = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
if waiting[2] then
  return {0, tonumber(waiting[2]) - now}
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
redis.call('ZADD', KEYS[2], string.format('%.0f', now + tonumber(ARGV[2])), ARGV[1])
expire_with_last(KEYS[2])
-- As for locks: the larger of the last token plus one and the server time in microseconds.
local token = math.max(last + 1, micros)
redis.call('SET', KEYS[4], string.format('%.0f', token))
return {1, token}
