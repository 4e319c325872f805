-- Acknowledge a delivery as completed: leave the active set, release the unique key, and keep the job for
-- the completed retention (time and count), or delete it at once when retention is zero.
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
-- ARGV[2] id, ARGV[3] delivery token, ARGV[4] retention ms, ARGV[5] retention count,
-- ARGV[6] result bytes ('' for none), kept with the completed job
-- Returns 1, or 0 if the delivery is no longer owned (deadline expired and job recovered, cancelled, cleared).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
-- Completions within one millisecond must still be ordered, or trimming by count could drop the newest.
local nowUs = tonumber(t[1]) * 1000000 + tonumber(t[2])
local prefix, id = ARGV[1], ARGV[2]
local job = prefix .. id
if not redis.call('ZSCORE', KEYS[3], id) or redis.call('HGET', job, 'token') ~= ARGV[3] then return 0 end
redis.call('ZREM', KEYS[3], id)
local unique = redis.call('HGET', job, 'unique')
if unique and unique ~= '' and redis.call('HGET', KEYS[6], unique) == id then redis.call('HDEL', KEYS[6], unique) end
local keepMs, keepCount = tonumber(ARGV[4]), tonumber(ARGV[5])
if keepMs <= 0 or keepCount <= 0 then
  redis.call('DEL', job)
  return 1
end
redis.call('HSET', job, 'state', 'completed', 'fin', now)
if ARGV[6] ~= '' then redis.call('HSET', job, 'result', ARGV[6]) end
redis.call('HDEL', job, 'payload', 'token')
redis.call('PEXPIRE', job, keepMs)
redis.call('ZADD', KEYS[5], nowUs, id)
redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', nowUs - keepMs * 1000)
local excess = redis.call('ZCARD', KEYS[5]) - keepCount
if excess > 0 then
  for _, old in ipairs(redis.call('ZRANGE', KEYS[5], 0, excess - 1)) do redis.call('DEL', prefix .. old) end
  redis.call('ZREMRANGEBYRANK', KEYS[5], 0, excess - 1)
end
return 1
