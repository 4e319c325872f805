-- Shared piece (composed in by RedisScripts): read a number stored in a field.
-- stored_number(value, field) returns nil when the field is absent (false from HGET/HMGET) and
-- the number otherwise; a value that is not a number raises 'MALFORMED <field>', which the call
-- layer reports as MalformedRedisDataException naming the key.
local function stored_number(value, field)
  if value == false or value == nil then
    return nil
  end
  local number = tonumber(value)
  if number == nil then
    error('MALFORMED ' .. field)
  end
  return number
end
