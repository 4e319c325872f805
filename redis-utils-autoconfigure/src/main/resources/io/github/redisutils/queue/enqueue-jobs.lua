-- Shared piece of the queue scripts (composed in by RedisScripts): enqueue_jobs(prefix, from, now)
-- enqueues the jobs described by ARGV[from ..], 11 arguments per job: id, type, payload bytes,
-- priority (0 high, 1 normal, 2 low), delay ms (0: none), run-at epoch ms (-1: none), max attempts,
-- timeout ms (0: none), backoff initial ms, backoff max ms, unique key ('' for none). It stores each
-- job's hash and puts it in the waiting set (KEYS[1]) or, if it runs later, the delayed set (KEYS[2]);
-- a job whose unique key is held by a pending job (or by a job earlier in the same call) is not stored
-- and that job's id is returned instead. Wakes one idle worker per ready job through the signal list.
-- Returns the id of each job, in order.
local function enqueue_jobs(prefix, from, now)
  local out, ready = {}, 0
  for i = from, #ARGV, 11 do
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
        'max', ARGV[i + 6], 'timeout', ARGV[i + 7], 'bi', ARGV[i + 8], 'bm', ARGV[i + 9], 'unique', unique,
        'enq', now)
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
  -- One push, trimmed only when over the bound; the expiry (a day) is renewed, so a list nobody
  -- waits on goes away (signals are only wake-ups: idle workers also wake on their own).
  if ready > 0 then
    local signals = {}
    for i = 1, math.min(ready, 64) do signals[i] = 1 end
    local length = redis.call('LPUSH', KEYS[8], unpack(signals))
    if length > 64 then redis.call('LTRIM', KEYS[8], 0, 63) end
    redis.call('PEXPIRE', KEYS[8], 86400000)
  end
  return out
end
