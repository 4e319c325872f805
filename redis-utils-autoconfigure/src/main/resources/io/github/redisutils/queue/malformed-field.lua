-- Shared piece of the queue scripts (composed in by RedisScripts): given a job's fields as read
-- (name -> value, false when absent), the first numeric field that is present but not a number, or
-- nil when every one is readable. Such a job (the work of another client writing to the queue's keys)
-- cannot run and must not block the queue.
local function malformed_field(fields)
  for _, name in ipairs({'attempt', 'max', 'timeout', 'bi', 'bm', 'enq', 'prio'}) do
    local value = fields[name]
    if value and tonumber(value) == nil then
      return name
    end
  end
  return nil
end
