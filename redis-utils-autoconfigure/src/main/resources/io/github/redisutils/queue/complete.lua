-- Acknowledge deliveries as completed (one, or a worker's batch in one round trip): each leaves the active
-- set, releases its unique key, and is kept for the completed retention (time and count), or deleted at once
-- when retention is zero.
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
-- ARGV[2] retention ms, ARGV[3] retention count, then per delivery: id, delivery token, result bytes ('' for
-- none, kept with the completed job)
-- Returns per delivery 1, or 0 if it no longer owns its job (deadline expired and job recovered, cancelled,
-- cleared).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
-- Completions within one millisecond must still be ordered, or trimming by count could drop the newest:
-- microseconds, plus the position in the batch.
local nowUs = tonumber(t[1]) * 1000000 + tonumber(t[2])
local prefix = ARGV[1]
local keepMs, keepCount = tonumber(ARGV[2]), tonumber(ARGV[3])
local keep = keepMs > 0 and keepCount > 0
local out, kept = {}, 0
for i = 4, #ARGV, 3 do
  local id, token, result = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local job = prefix .. id
  local held = redis.call('HMGET', job, 'token', 'unique')
  if held[1] ~= token or not redis.call('ZSCORE', KEYS[3], id) then
    out[#out + 1] = 0
  else
    redis.call('ZREM', KEYS[3], id)
    local unique = held[2]
    if unique and unique ~= '' and redis.call('HGET', KEYS[6], unique) == id then redis.call('HDEL', KEYS[6], unique) end
    if keep then
      redis.call('HSET', job, 'state', 'completed', 'fin', now)
      if result ~= '' then redis.call('HSET', job, 'result', result) end
      redis.call('HDEL', job, 'payload', 'token')
      redis.call('PEXPIRE', job, keepMs)
      redis.call('ZADD', KEYS[5], nowUs + kept, id)
      kept = kept + 1
    else
      redis.call('DEL', job)
    end
    out[#out + 1] = 1
  end
end
if kept > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', nowUs - keepMs * 1000)
  local excess = redis.call('ZCARD', KEYS[5]) - keepCount
  if excess > 0 then
    for _, old in ipairs(redis.call('ZRANGE', KEYS[5], 0, excess - 1)) do redis.call('DEL', prefix .. old) end
    redis.call('ZREMRANGEBYRANK', KEYS[5], 0, excess - 1)
  end
end
return out
