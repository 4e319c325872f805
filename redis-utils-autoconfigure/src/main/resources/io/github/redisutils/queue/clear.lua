-- Delete a batch of the queue's jobs in every state; called until it returns 0, then the queue's keys go.
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
-- ARGV[2] batch size per set
-- Returns the number of jobs deleted.
local removed = 0
for k = 1, 5 do
  local ids = redis.call('ZRANGE', KEYS[k], 0, tonumber(ARGV[2]) - 1)
  for _, id in ipairs(ids) do
    redis.call('DEL', ARGV[1] .. id)
    redis.call('ZREM', KEYS[k], id)
    removed = removed + 1
  end
end
if removed == 0 then redis.call('DEL', KEYS[6], KEYS[8], KEYS[9]) end
return removed
