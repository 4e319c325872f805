-- Invalidates a namespace in O(1): it takes a new generation, so every entry written under
-- the old one reads as a miss and leaves by its own time to live.
-- KEYS[1]: the namespace's generation key
-- ARGV[1]: time to live in milliseconds given to a generation key that did not exist
-- Returns the new generation.
local now = redis.call('TIME')
local generation = now[1] .. string.format('%06d', tonumber(now[2]))
local current = redis.call('GET', KEYS[1])
if current and string.sub(current, 1, #generation) == generation then
	-- Two invalidations within one microsecond: make the second one different still.
	generation = current .. 'x'
end
if current then
	redis.call('SET', KEYS[1], generation, 'KEEPTTL')
else
	redis.call('SET', KEYS[1], generation, 'PX', ARGV[1])
end
return generation
