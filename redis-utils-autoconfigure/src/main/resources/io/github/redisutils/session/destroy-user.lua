-- Destroys every session of a user, optionally but one, atomically on the user's slot.
-- KEYS[1]: the user's index, a sorted set of session members scored by expiry (ms)
-- ARGV[1]: key prefix of the user's session hashes; a member's hash is <ARGV[1]><member>,
--          in KEYS[1]'s hash slot by their shared tag
-- ARGV[2]: member to keep, or '' to keep none
-- Returns {the user's latest expiry left (0 for none), its version, the members whose
-- sessions were destroyed...}.
-- @include session/user-presence.lua
local destroyed = {}
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if member ~= ARGV[2] then
    redis.call('ZREM', KEYS[1], member)
    if redis.call('DEL', ARGV[1] .. member) == 1 then
      destroyed[#destroyed + 1] = member
    end
  end
end
local latest, version = user_presence(KEYS[1])
local answer = {latest, version}
for _, member in ipairs(destroyed) do
  answer[#answer + 1] = member
end
return answer
