-- Cancel a job that is not running: waiting, delayed, waiting for a retry, or dead. Deletes it.
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
-- ARGV[2] id
-- Returns 1 if cancelled, 0 if unknown, running or finished.
local prefix, id = ARGV[1], ARGV[2]
local job = prefix .. id
local state = redis.call('HGET', job, 'state')
if state ~= 'waiting' and state ~= 'delayed' and state ~= 'failed' and state ~= 'dead' then return 0 end
redis.call('ZREM', KEYS[1], id)
redis.call('ZREM', KEYS[2], id)
redis.call('ZREM', KEYS[4], id)
local unique = redis.call('HGET', job, 'unique')
if unique and unique ~= '' and redis.call('HGET', KEYS[6], unique) == id then redis.call('HDEL', KEYS[6], unique) end
redis.call('DEL', job)
return 1
