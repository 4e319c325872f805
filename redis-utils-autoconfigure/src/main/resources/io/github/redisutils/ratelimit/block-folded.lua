-- Shared piece of the rate-limit scripts whose state is a string (composed in by RedisScripts):
-- they read their state and the block key KEYS[2] in one MGET, so the block check costs nothing
-- more unless a block key exists. blocked_reply(blockValue) answers "blocked" with the block's
-- remaining time when it is set, else nil; the rule is the one of block-check.lua (blocked while
-- a string block key exists with a time to live: MGET reads a key of another type as absent, and
-- the library only ever writes the block key as a string).
local function blocked_reply(blockValue)
  if not blockValue then
    return nil
  end
  local blocked = redis.call('PTTL', KEYS[2])
  if blocked > 0 then
    return {2, 0, blocked * 1000, blocked * 1000}
  end
  return nil
end
