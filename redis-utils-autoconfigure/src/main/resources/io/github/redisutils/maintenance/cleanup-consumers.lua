-- Cleanup: delete the consumers of a stream's groups that are gone: no pending entry and idle (no read,
-- claim or acknowledgement) for at least the given time. A consumer holding pending entries is kept, so no
-- entry is ever dropped: live consumers claim those entries, and the next cleanup removes it. A live
-- consumer that was idle that long is created again by its next read.
-- KEYS[1]: the stream
-- ARGV[1]: the idle time in ms
-- ARGV[2]: '1' for a dry run (nothing is deleted)
-- Returns {consumers examined, consumers removed}.
if redis.call('TYPE', KEYS[1]).ok ~= 'stream' then
  return {0, 0}
end
local function field(entry, name)
  for i = 1, #entry, 2 do
    if entry[i] == name then
      return entry[i + 1]
    end
  end
  return nil
end
local idle = tonumber(ARGV[1])
local examined, removed = 0, 0
for _, group in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
  local groupName = field(group, 'name')
  for _, consumer in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], groupName)) do
    examined = examined + 1
    if tonumber(field(consumer, 'pending')) == 0 and tonumber(field(consumer, 'idle')) >= idle then
      removed = removed + 1
      if ARGV[2] ~= '1' then
        redis.call('XGROUP', 'DELCONSUMER', KEYS[1], groupName, field(consumer, 'name'))
      end
    end
  end
end
return {examined, removed}
