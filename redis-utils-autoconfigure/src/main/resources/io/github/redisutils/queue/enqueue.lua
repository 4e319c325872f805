-- Enqueue jobs (one, or many in one round trip): store each job's hash, then put it in the waiting set or,
-- if it runs later, the delayed set. For a job whose unique key is held by a pending job (or by a job earlier
-- in the same call), return that job's id and store nothing.
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
-- Then 11 arguments per job, from ARGV[2]: id, type, payload bytes, priority (0 high, 1 normal, 2 low),
-- delay ms (0: none), run-at epoch ms (-1: none), max attempts, timeout ms (0: none), backoff initial ms,
-- backoff max ms, unique key ('' for none)
-- Returns the id of each job, in order (the existing one for a duplicate).
-- @include queue/enqueue-jobs.lua
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return enqueue_jobs(ARGV[1], 2, now)
