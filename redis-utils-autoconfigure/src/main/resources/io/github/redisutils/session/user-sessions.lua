-- Reads a user's live sessions, pruning expired members from the index first.
-- KEYS[1]: the user's index, a sorted set of session members scored by expiry (ms)
-- ARGV[1]: key prefix of the user's session hashes; a member's hash is <ARGV[1]><member>,
--          in KEYS[1]'s hash slot by their shared tag
-- ARGV[2]: 'read' to return the sessions, 'count' to return only their number
-- Returns the count, or {member, {field, value, ...}, ...}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if ARGV[2] == 'count' then
  return redis.call('ZCARD', KEYS[1])
end
local result = {}
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local fields = redis.call('HGETALL', ARGV[1] .. member)
  if #fields > 0 then
    result[#result + 1] = member
    result[#result + 1] = fields
  end
end
return result
