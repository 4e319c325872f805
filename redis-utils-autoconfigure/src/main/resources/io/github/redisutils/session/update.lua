-- Sets and removes fields of an existing session; never creates one. Fields are written
-- one by one (HSET/HDEL), so concurrent updates of different attributes never lose each
-- other. A new idle timeout moves the expiry to the last access plus that timeout
-- (capped by the absolute expiry), earlier or later, with the user's index.
-- KEYS[1]: the session's hash
-- KEYS[2]: the user's index, a sorted set of session members scored by expiry (ms)
-- ARGV[1]: the new idle timeout in milliseconds, or '' to keep it
-- ARGV[2]: the session's member in the index
-- ARGV[3]: number n of fields to set
-- ARGV[4 .. 2n+3]: field/value pairs to set
-- ARGV[2n+4 ..]: fields to remove
-- Returns 1 when the session exists, else 0.
-- A stored field that is not a number answers the error 'MALFORMED <field>'.
-- @include core/stored-number.lua
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local n = tonumber(ARGV[3])
if n > 0 then
  local args = {}
  for i = 4, 2 * n + 3 do
    args[#args + 1] = ARGV[i]
  end
  redis.call('HSET', KEYS[1], unpack(args))
end
if #ARGV > 2 * n + 3 then
  local removed = {}
  for i = 2 * n + 4, #ARGV do
    removed[#removed + 1] = ARGV[i]
  end
  redis.call('HDEL', KEYS[1], unpack(removed))
end
if ARGV[1] ~= '' then
  local h = redis.call('HMGET', KEYS[1], 'la', 'abs', 'uid')
  local lastAccessed = stored_number(h[1], 'la')
  local absolute = stored_number(h[2], 'abs')
  if lastAccessed == nil or absolute == nil then
    error('MALFORMED ' .. ((lastAccessed == nil and 'la') or 'abs'))
  end
  local expires = math.min(lastAccessed + tonumber(ARGV[1]), absolute)
  redis.call('HSET', KEYS[1], 'idle', ARGV[1], 'exp', expires)
  redis.call('PEXPIREAT', KEYS[1], expires)
  if h[3] and h[3] ~= '' then
    redis.call('ZADD', KEYS[2], expires, ARGV[2])
    local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
    redis.call('PEXPIREAT', KEYS[2], last[2])
  end
end
return 1
