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
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local prefix = ARGV[1]
local out, ready = {}, 0
for i = 2, #ARGV, 11 do
  local id, unique, existing = ARGV[i], ARGV[i + 10], nil
  if unique ~= '' then
    existing = redis.call('HGET', KEYS[6], unique)
    if existing and redis.call('EXISTS', prefix .. existing) == 0 then existing = nil end
  end
  if existing then
    out[#out + 1] = existing
  else
    local job = prefix .. id
    local runAt = tonumber(ARGV[i + 5])
    if runAt < 0 then runAt = now + tonumber(ARGV[i + 4]) end
    redis.call('HSET', job, 'type', ARGV[i + 1], 'payload', ARGV[i + 2], 'prio', ARGV[i + 3], 'attempt', 0,
      'max', ARGV[i + 6], 'timeout', ARGV[i + 7], 'bi', ARGV[i + 8], 'bm', ARGV[i + 9], 'unique', unique, 'enq', now)
    if runAt > now then
      redis.call('HSET', job, 'state', 'delayed', 'runAt', runAt)
      redis.call('ZADD', KEYS[2], runAt, id)
    else
      local seq = redis.call('INCR', KEYS[7])
      redis.call('HSET', job, 'state', 'waiting', 'ready', now)
      redis.call('ZADD', KEYS[1], string.format('%.0f', tonumber(ARGV[i + 3]) * 1e13 + seq), id)
      ready = ready + 1
    end
    if unique ~= '' then redis.call('HSET', KEYS[6], unique, id) end
    out[#out + 1] = id
  end
end
-- One wake-up per ready job, up to the signal list's bound: enough idle workers wake to take them.
if ready > 0 then
  for _ = 1, math.min(ready, 64) do redis.call('LPUSH', KEYS[8], 1) end
  redis.call('LTRIM', KEYS[8], 0, 63)
  redis.call('PEXPIRE', KEYS[8], 86400000)
end
return out
