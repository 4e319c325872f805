-- Shared piece of every rate-limit script (composed in by RedisScripts): while the block key
-- KEYS[2] exists, answer "blocked" with its remaining time and decide nothing else.
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return {2, 0, blocked * 1000, blocked * 1000}
end
