-- Graceful shutdown: give an unfinished delivery back to the waiting set without counting the attempt.
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
-- ARGV[2] id, ARGV[3] delivery token
-- Returns 1 if given back, 0 if the delivery is no longer owned.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local job = ARGV[1] .. ARGV[2]
if not redis.call('ZSCORE', KEYS[3], ARGV[2]) or redis.call('HGET', job, 'token') ~= ARGV[3] then return 0 end
redis.call('ZREM', KEYS[3], ARGV[2])
redis.call('HINCRBY', job, 'attempt', -1)
redis.call('HSET', job, 'state', 'waiting', 'ready', now)
redis.call('HDEL', job, 'token')
local seq = redis.call('INCR', KEYS[7])
local prio = tonumber(redis.call('HGET', job, 'prio')) or 1
redis.call('ZADD', KEYS[1], string.format('%.0f', prio * 1e13 + seq), ARGV[2])
redis.call('LPUSH', KEYS[8], 1)
redis.call('LTRIM', KEYS[8], 0, 63)
return 1
