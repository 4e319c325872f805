-- Enqueue one job: store its hash, then put it in the waiting set or, if it runs later, the delayed set.
-- With a unique key held by a pending job, return that job's id and store nothing.
-- KEYS (every queue script gets the same eight keys, all under the queue's hash tag {queue}):
--   KEYS[1] waiting zset: job id scored by priority * 1e13 + sequence (FIFO within a priority)
--   KEYS[2] delayed zset: job id scored by run-at, server time in ms (also retries waiting for backoff)
--   KEYS[3] active zset: job id scored by its visibility deadline, server time in ms
--   KEYS[4] dead zset: job id scored by the time it died, ms
--   KEYS[5] completed zset: job id scored by the time it completed, µs (so retention by count keeps the newest)
--   KEYS[6] unique hash: unique key -> id of the pending job that holds it
--   KEYS[7] sequence counter (FIFO order within a priority)
--   KEYS[8] signal list: one element per wake-up; idle workers wait on it with BLPOP
-- ARGV[1] is always the job hash key prefix (same hash tag); a job's hash is ARGV[1] .. id.
-- ARGV[2] id, ARGV[3] type, ARGV[4] payload bytes, ARGV[5] priority (0 high, 1 normal, 2 low),
-- ARGV[6] delay ms (0: none), ARGV[7] run-at epoch ms (-1: none), ARGV[8] max attempts,
-- ARGV[9] timeout ms (0: none), ARGV[10] backoff initial ms, ARGV[11] backoff max ms,
-- ARGV[12] unique key ('' for none)
-- Returns { id of the job } (the existing one for a duplicate).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local prefix, id, unique = ARGV[1], ARGV[2], ARGV[12]
if unique ~= '' then
  local existing = redis.call('HGET', KEYS[6], unique)
  if existing and redis.call('EXISTS', prefix .. existing) == 1 then
    return { existing }
  end
end
local job = prefix .. id
local runAt = tonumber(ARGV[7])
if runAt < 0 then runAt = now + tonumber(ARGV[6]) end
redis.call('HSET', job, 'type', ARGV[3], 'payload', ARGV[4], 'prio', ARGV[5], 'attempt', 0, 'max', ARGV[8],
  'timeout', ARGV[9], 'bi', ARGV[10], 'bm', ARGV[11], 'unique', unique, 'enq', now)
if runAt > now then
  redis.call('HSET', job, 'state', 'delayed', 'runAt', runAt)
  redis.call('ZADD', KEYS[2], runAt, id)
else
  local seq = redis.call('INCR', KEYS[7])
  redis.call('HSET', job, 'state', 'waiting', 'ready', now)
  redis.call('ZADD', KEYS[1], string.format('%.0f', tonumber(ARGV[5]) * 1e13 + seq), id)
  redis.call('LPUSH', KEYS[8], 1)
  redis.call('LTRIM', KEYS[8], 0, 63)
  redis.call('PEXPIRE', KEYS[8], 86400000)
end
if unique ~= '' then redis.call('HSET', KEYS[6], unique, id) end
return { id }
