-- Sizes per state and the age of the oldest waiting job (the oldest head of the three priority bands).
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
-- Returns { waiting, delayed, active, dead, completed, oldest waiting age ms (-1: none) }.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local oldest = -1
for p = 0, 2 do
  local head = redis.call('ZRANGEBYSCORE', KEYS[1], string.format('%.0f', p * 1e13), '(' .. string.format('%.0f', (p + 1) * 1e13), 'LIMIT', 0, 1)
  if #head > 0 then
    local ready = tonumber(redis.call('HGET', ARGV[1] .. head[1], 'ready'))
    if ready and (oldest < 0 or now - ready > oldest) then oldest = math.max(0, now - ready) end
  end
end
return { redis.call('ZCARD', KEYS[1]), redis.call('ZCARD', KEYS[2]), redis.call('ZCARD', KEYS[3]),
  redis.call('ZCARD', KEYS[4]), redis.call('ZCARD', KEYS[5]), oldest }
