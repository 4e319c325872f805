-- Cleanup: drop the members of a user's session index whose session is gone (expired by server time, or
-- its hash no longer exists); the index goes with its last member.
-- KEYS[1]: the user's index, a sorted set of session members scored by expiry (ms)
-- ARGV[1]: key prefix of the user's session hashes; a member's hash is <ARGV[1]><member>, same hash tag
-- ARGV[2]: '1' for a dry run (nothing is removed)
-- Returns {members examined, members removed}.
if redis.call('TYPE', KEYS[1]).ok ~= 'zset' then
  return {0, 0}
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local members = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
local removed = 0
for i = 1, #members, 2 do
  local member = members[i]
  if tonumber(members[i + 1]) <= now or redis.call('EXISTS', ARGV[1] .. member) == 0 then
    removed = removed + 1
    if ARGV[2] ~= '1' then
      redis.call('ZREM', KEYS[1], member)
    end
  end
end
return {#members / 2, removed}
