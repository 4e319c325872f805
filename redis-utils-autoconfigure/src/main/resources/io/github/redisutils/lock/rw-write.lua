-- Take the write side of a read-write lock: granted when no writer and no reader holds it. A
-- writer that is refused and will wait records its intent, which keeps new readers out until it
-- is granted, withdraws or its intent ends.
-- KEYS[1..4]: the write key, the readers, the waiting writers, the fencing token (see rw-read.lua)
-- ARGV[1]: the owner token of this acquisition
-- ARGV[2]: the lease in milliseconds
-- ARGV[3]: the waiter id of this writer, the same for all its attempts
-- ARGV[4]: how long its intent lasts in ms unless renewed by its next attempt; 0 not to record one
--          (a single attempt)
-- Returns {1, fencing token} when granted, {0, ms after which to try again at the latest} when
-- held (-1 when unknown: try again after the poll interval).
-- @include core/stored-number.lua
-- @include lock/zset-lease.lua
local last = stored_number(redis.call('GET', KEYS[4]), 'fence') or 0
local micros = now_micros()
local now = math.floor(micros / 1000)
local blocked = false
local retry = -1
local writer = redis.call('PTTL', KEYS[1])
if writer ~= -2 then
  blocked = true
  retry = writer
else
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
  local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  if first[2] then
    blocked = true
    retry = tonumber(first[2]) - now
  end
end
if blocked then
  local intent = tonumber(ARGV[4])
  if intent > 0 then
    redis.call('ZADD', KEYS[3], string.format('%.0f', now + intent), ARGV[3])
    expire_with_last(KEYS[3])
  end
  return {0, retry}
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('ZREM', KEYS[3], ARGV[3])
local token = math.max(last + 1, micros)
redis.call('SET', KEYS[4], string.format('%.0f', token))
return {1, token}
