-- Cleanup: delete the fencing counter of a lock name unused for the retention, never while the lock is held.
-- KEYS[1]: the lock name's fencing counter (<prefix>:lock:{<name>}:fence, or :rw:fence for a read-write lock)
-- KEYS[2..n]: the keys that exist while the name is in use, same hash tag: the lock key
--             (<prefix>:lock:{<name>}), or the write key, the readers and the waiting writers of a
--             read-write lock (:rw:write, :rw:readers, :rw:waiting); the counter is kept if any exists
-- ARGV[1]: the retention in microseconds
-- ARGV[2]: '1' for a dry run (nothing is deleted)
-- Returns 1 when the counter is stale (and deleted unless dry), 0 when it is kept.
-- A fencing token is at least the server time in microseconds of the acquisition that handed it out, so a
-- counter older than the retention belongs to a name unused for that long; the next acquisition after the
-- deletion hands out the current server time, larger than every token handed out before.
for i = 2, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    return 0
  end
end
if redis.call('TYPE', KEYS[1]).ok ~= 'string' then
  return 0
end
-- A counter that is not a number is left for the lock to report.
local last = tonumber(redis.call('GET', KEYS[1]))
if last == nil then
  return 0
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
if last > now - tonumber(ARGV[1]) then
  return 0
end
if ARGV[2] ~= '1' then
  redis.call('DEL', KEYS[1])
end
return 1
