-- Take up to N jobs for one worker. First, in bounded batches: promote due delayed jobs to waiting, and
-- recover active jobs whose visibility deadline passed (their worker died or stalled): back to waiting, or
-- to the dead letters if that was their last attempt. Then move up to N waiting jobs, lowest score first,
-- to the active set with deadline = now + visibility, counting the attempt. Being one script, a delayed
-- job is promoted once and a waiting job is handed to one worker only.
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
-- ARGV[2] max jobs to take, ARGV[3] visibility timeout ms, ARGV[4] delivery token (acks must present it),
-- ARGV[5] batch bound for promotion and recovery, ARGV[6] dead retention ms, ARGV[7] dead retention count
-- Returns { ms until the next delayed job is due (-1: none), recovered, recovered-to-dead, taken,
--   then per job: id, type, payload, attempt, max attempts, timeout ms, backoff initial ms, backoff max ms,
--   enqueued-at ms }.
-- A job hash with a numeric field that is not a number goes to the dead letters when taken.
-- @include queue/malformed-field.lua
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local prefix, bound = ARGV[1], tonumber(ARGV[5])
-- The signals a pull consumer's wait moved aside have done their job: this take follows them.
redis.call('DEL', KEYS[9])
local function toWaiting(job, id)
  local seq = redis.call('INCR', KEYS[7])
  local prio = tonumber(redis.call('HGET', job, 'prio')) or 1
  redis.call('ZADD', KEYS[1], string.format('%.0f', prio * 1e13 + seq), id)
  redis.call('HSET', job, 'state', 'waiting', 'ready', now)
end
local function releaseUnique(job, id)
  local unique = redis.call('HGET', job, 'unique')
  if unique and unique ~= '' and redis.call('HGET', KEYS[6], unique) == id then redis.call('HDEL', KEYS[6], unique) end
end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, bound)) do
  redis.call('ZREM', KEYS[2], id)
  local job = prefix .. id
  if redis.call('EXISTS', job) == 1 then toWaiting(job, id) end
end
local recovered, died = 0, 0
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, bound)) do
  redis.call('ZREM', KEYS[3], id)
  local job = prefix .. id
  if redis.call('EXISTS', job) == 1 then
    local attempt = tonumber(redis.call('HGET', job, 'attempt')) or 0
    local err = 'visibility timeout expired during attempt ' .. attempt .. ' (worker lost or stalled)'
    if attempt >= (tonumber(redis.call('HGET', job, 'max')) or 1) then
      redis.call('HSET', job, 'state', 'dead', 'err', err, 'fin', now)
      redis.call('ZADD', KEYS[4], now, id)
      releaseUnique(job, id)
      died = died + 1
    else
      toWaiting(job, id)
      redis.call('HSET', job, 'err', err)
      recovered = recovered + 1
    end
  end
end
if died > 0 then
  local old = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now - tonumber(ARGV[6]), 'LIMIT', 0, bound)
  local excess = redis.call('ZCARD', KEYS[4]) - tonumber(ARGV[7])
  if excess > 0 then old = redis.call('ZRANGE', KEYS[4], 0, excess - 1) end
  for _, id in ipairs(old) do redis.call('DEL', prefix .. id); redis.call('ZREM', KEYS[4], id) end
end
local out = { -1, recovered, died, 0 }
local max, deadline, taken = tonumber(ARGV[2]), now + tonumber(ARGV[3]), 0
-- One read of everything a delivery needs; the attempt is counted in the same write that marks it active.
local names = {'type', 'payload', 'max', 'timeout', 'bi', 'bm', 'enq', 'attempt', 'prio'}
while taken < max do
  local popped = redis.call('ZPOPMIN', KEYS[1])
  if #popped == 0 then break end
  local id = popped[1]
  local job = prefix .. id
  local values = redis.call('HMGET', job, unpack(names))
  local f = {}
  local present = false
  for i, name in ipairs(names) do
    f[name] = values[i]
    present = present or values[i] ~= false
  end
  if present or redis.call('EXISTS', job) == 1 then
    local bad = malformed_field(f)
    if bad then
      -- Dead at once, with the reason, instead of failing every take of the queue.
      redis.call('HSET', job, 'state', 'dead', 'err', 'malformed job hash: field ' .. bad .. ' is not a number', 'fin', now)
      redis.call('ZADD', KEYS[4], now, id)
      releaseUnique(job, id)
    else
      local attempt = (tonumber(f.attempt) or 0) + 1
      redis.call('HSET', job, 'attempt', attempt, 'state', 'active', 'token', ARGV[4], 'started', now)
      redis.call('ZADD', KEYS[3], deadline, id)
      out[#out + 1] = id
      out[#out + 1] = f.type or ''
      out[#out + 1] = f.payload or ''
      out[#out + 1] = attempt
      out[#out + 1] = tonumber(f.max) or 1
      out[#out + 1] = tonumber(f.timeout) or 0
      out[#out + 1] = tonumber(f.bi) or 0
      out[#out + 1] = tonumber(f.bm) or 0
      out[#out + 1] = tonumber(f.enq) or 0
      taken = taken + 1
    end
  end
end
out[4] = taken
-- More work than this worker asked for: wake another idle worker.
if taken == max and redis.call('ZCARD', KEYS[1]) > 0 then
  redis.call('LPUSH', KEYS[8], 1)
  redis.call('LTRIM', KEYS[8], 0, 63)
end
local nextDue = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
if #nextDue > 0 then out[1] = math.max(0, tonumber(nextDue[2]) - now) end
return out
