-- Shared piece of the queue scripts (composed in by RedisScripts): the first numeric field of a
-- job hash that is present but not a number, or nil when every one is readable. Such a job (the
-- work of another client writing to the queue's keys) cannot run and must not block the queue.
local function malformed_field(job)
  local names = {'attempt', 'max', 'timeout', 'bi', 'bm', 'enq', 'prio'}
  local values = redis.call('HMGET', job, unpack(names))
  for i, name in ipairs(names) do
    if values[i] and tonumber(values[i]) == nil then
      return name
    end
  end
  return nil
end
