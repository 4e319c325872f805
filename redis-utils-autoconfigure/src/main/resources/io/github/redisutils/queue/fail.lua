-- Record a failed delivery: with attempts left, schedule the retry in the delayed set after the backoff;
-- after the last attempt, or when told so (unknown type, undecodable payload), move to the dead letters
-- with the error.
-- KEYS (every queue script gets the same nine keys, all under the queue's hash tag {queue}):
--   KEYS[1] waiting zset: job id scored by priority * 1e13 + sequence (FIFO within a priority)
--   KEYS[2] delayed zset: job id scored by run-at, server time in ms (also retries waiting for backoff)
--   KEYS[3] active zset: job id scored by its visibility deadline, server time in ms
--   KEYS[4] dead zset: job id scored by the time it died, ms
--   KEYS[5] completed zset: job id scored by the time it completed, µs (so retention by count keeps the newest)
--   KEYS[6] unique hash: unique key -> id of the pending job that holds it
--   KEYS[7] sequence counter (FIFO order within a priority)
--   KEYS[8] signal list: one element per wake-up; idle workers wait on it with BLPOP
--   KEYS[9] spent list: signals that waiting pull consumers moved out of KEYS[8] (BLMOVE); emptied by take
-- ARGV[1] is always the job hash key prefix (same hash tag); a job's hash is ARGV[1] .. id.
-- ARGV[2] id, ARGV[3] delivery token, ARGV[4] error text, ARGV[5] retry delay ms, ARGV[6] 1 to go dead at once,
-- ARGV[7] dead retention ms, ARGV[8] dead retention count
-- Returns 0 if the delivery is no longer owned, 1 retry scheduled, 2 dead.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local prefix, id = ARGV[1], ARGV[2]
local job = prefix .. id
if not redis.call('ZSCORE', KEYS[3], id) or redis.call('HGET', job, 'token') ~= ARGV[3] then return 0 end
redis.call('ZREM', KEYS[3], id)
local attempt = tonumber(redis.call('HGET', job, 'attempt')) or 0
if ARGV[6] ~= '1' and attempt < (tonumber(redis.call('HGET', job, 'max')) or 1) then
  local runAt = now + tonumber(ARGV[5])
  redis.call('HSET', job, 'state', 'failed', 'err', ARGV[4], 'runAt', runAt)
  redis.call('ZADD', KEYS[2], runAt, id)
  return 1
end
redis.call('HSET', job, 'state', 'dead', 'err', ARGV[4], 'fin', now)
redis.call('ZADD', KEYS[4], now, id)
local unique = redis.call('HGET', job, 'unique')
if unique and unique ~= '' and redis.call('HGET', KEYS[6], unique) == id then redis.call('HDEL', KEYS[6], unique) end
local old = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now - tonumber(ARGV[7]), 'LIMIT', 0, 100)
local excess = redis.call('ZCARD', KEYS[4]) - tonumber(ARGV[8])
if excess > 0 then old = redis.call('ZRANGE', KEYS[4], 0, excess - 1) end
for _, o in ipairs(old) do redis.call('DEL', prefix .. o); redis.call('ZREM', KEYS[4], o) end
return 2
