-- Tell whether an acquisition kept in a sorted set is held: present with a running lease.
-- KEYS[1]: the sorted set of holders, member -> end of the lease in ms of server time
-- ARGV[1]: the member of this acquisition
-- Returns 1 when held, 0 otherwise. Changes nothing.
-- @include lock/zset-lease.lua
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) > now_millis() then
  return 1
end
return 0
