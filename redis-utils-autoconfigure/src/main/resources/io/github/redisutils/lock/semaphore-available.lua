-- Count the free permits of a semaphore by server time, without changing anything.
-- KEYS[1]: the semaphore's holders (see semaphore-acquire.lua)
-- ARGV[1]: the semaphore's permits
-- Returns the permits not held by an acquisition whose lease is running, at least 0.
-- @include lock/zset-lease.lua
local now = now_millis()
local holders = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. string.format('%.0f', now), '+inf')
local used = 0
for _, member in ipairs(holders) do
  used = used + held_permits(member)
end
return math.max(tonumber(ARGV[1]) - used, 0)
