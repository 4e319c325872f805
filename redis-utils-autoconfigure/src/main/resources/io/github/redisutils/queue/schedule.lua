-- Fire a recurring job's tick: enqueue one job for the tick if no instance did so already. Each schedule's
-- last tick lives in the queue's schedule hash (KEYS[10]); a tick fires by moving it from the value the
-- caller read to the new tick, compare-and-set, so of any number of instances exactly one enqueues it.
-- A schedule seen for the first time only records its start: ticks before it never fire.
-- KEYS (every queue script gets the same nine keys (the schedule hash is KEYS[10]), all under the queue's hash tag {queue}):
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
--   KEYS[10] schedule hash: schedule name -> last tick fired (or the schedule's start), epoch ms
-- ARGV[2] schedule name, ARGV[3] the last tick the caller read ('' when it read none), ARGV[4] the tick to
-- fire (epoch ms; '' to only record the start), then the 11 job arguments of enqueue_jobs.
-- Returns { outcome, last tick now stored, job id or '' }: outcome 1 fired, 0 another instance moved the
-- tick first (or the schedule started), -1 the tick is not due by this server's clock yet.
-- @include queue/enqueue-jobs.lua
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local name, expected, tick = ARGV[2], ARGV[3], ARGV[4]
local last = redis.call('HGET', KEYS[10], name)
if not last then
  redis.call('HSET', KEYS[10], name, now)
  return { 0, now, '' }
end
if last ~= expected or tick == '' then return { 0, tonumber(last), '' } end
if tonumber(tick) > now then return { -1, tonumber(last), '' } end
redis.call('HSET', KEYS[10], name, tick)
local ids = enqueue_jobs(ARGV[1], 5, now)
return { 1, tonumber(tick), ids[1] }
