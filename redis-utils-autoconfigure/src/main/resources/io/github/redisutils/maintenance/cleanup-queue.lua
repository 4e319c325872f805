-- Cleanup: apply a queue's retention (time and count) to its completed and dead jobs, as completing or
-- failing a job does, for queues where nothing completes or fails any more.
-- KEYS[1]: completed zset: job id scored by the time it completed, server time in us
-- KEYS[2]: dead zset: job id scored by the time it died, server time in ms
-- ARGV[1]: the job hash key prefix (same hash tag); a job's hash is ARGV[1] .. id
-- ARGV[2]: completed retention ms, ARGV[3] completed count, ARGV[4] dead retention ms, ARGV[5] dead count
-- ARGV[6]: most entries removed from each set by this call
-- ARGV[7]: '1' for a dry run (counts what would go, uncapped, deletes nothing)
-- Returns {completed examined, completed removed, dead examined, dead removed}.
-- A job hash is deleted only when it is still in the state its set stands for; an entry whose hash is in
-- another state (the job was retried meanwhile) or gone leaves the set alone.
local t = redis.call('TIME')
local nowMs = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nowUs = tonumber(t[1]) * 1000000 + tonumber(t[2])
local dry = ARGV[7] == '1'
local limit = tonumber(ARGV[6])
local function trim(key, cutoff, keep, state)
  if redis.call('TYPE', key).ok ~= 'zset' then
    return 0, 0
  end
  local size = redis.call('ZCARD', key)
  local stale = redis.call('ZCOUNT', key, '-inf', cutoff)
  local excess = size - keep
  local n = math.max(stale, excess, 0)
  if dry or n == 0 then
    return size, n
  end
  n = math.min(n, limit)
  local ids = redis.call('ZRANGE', key, 0, n - 1)
  for _, id in ipairs(ids) do
    local job = ARGV[1] .. id
    if redis.call('HGET', job, 'state') == state then
      redis.call('DEL', job)
    end
    redis.call('ZREM', key, id)
  end
  return size, #ids
end
local completedMs, deadMs = tonumber(ARGV[2]), tonumber(ARGV[4])
local completedKeep, deadKeep = tonumber(ARGV[3]), tonumber(ARGV[5])
if completedMs <= 0 then
  completedKeep = 0
end
local ce, cr = trim(KEYS[1], '(' .. string.format('%.0f', nowUs - completedMs * 1000), completedKeep, 'completed')
local de, dr = trim(KEYS[2], '(' .. string.format('%.0f', nowMs - deadMs), deadKeep, 'dead')
return {ce, cr, de, dr}
