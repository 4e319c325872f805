-- Store a delivery's progress report in its job, if this delivery still owns the job (same token, active).
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
-- ARGV[2] id, ARGV[3] delivery token, ARGV[4] progress bytes
-- Returns 1 stored, 0 no longer owned by this delivery.
local id = ARGV[2]
if redis.call('ZSCORE', KEYS[3], id) and redis.call('HGET', ARGV[1] .. id, 'token') == ARGV[3] then
  redis.call('HSET', ARGV[1] .. id, 'progress', ARGV[4])
  return 1
end
return 0
