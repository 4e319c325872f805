-- Writes entries of one namespace as '<generation>:<entry>'.
-- KEYS[1]: the namespace's generation key
-- KEYS[2..n]: entry keys of the namespace (all share the namespace's hash tag)
-- ARGV[1]: the generation the values were loaded under, '-' when the namespace had no
--          generation when they were read, or '' for the current one (explicit puts); a
--          value loaded before an invalidation is thus written under the old generation
--          and never read, and a '-' value is dropped once a generation exists
-- ARGV[2], ARGV[3]: the first entry and its time to live in milliseconds, ARGV[4],
--          ARGV[5] the second, and so on
-- The generation key is created when missing, with a generation taken from the server
-- clock (never '0', so an evicted generation key cannot bring old entries back), and its
-- time to live is kept at least as long as that of every entry.
-- Returns the number of entries written.
local generation = redis.call('GET', KEYS[1])
if ARGV[1] == '-' and generation then
	-- Loaded while the namespace had no generation; one has been created since (an
	-- invalidation may have happened), so the value may be stale: do not store it.
	return 0
end
if not generation then
	local now = redis.call('TIME')
	generation = now[1] .. string.format('%06d', tonumber(now[2]))
	redis.call('SET', KEYS[1], generation)
end
local written = generation
if ARGV[1] ~= '' and ARGV[1] ~= '-' then
	written = ARGV[1]
end
local longest = 0
for i = 2, #KEYS do
	local ttl = tonumber(ARGV[2 * i - 1])
	redis.call('SET', KEYS[i], written .. ':' .. ARGV[2 * i - 2], 'PX', ttl)
	if ttl > longest then
		longest = ttl
	end
end
if redis.call('PTTL', KEYS[1]) < longest then
	redis.call('PEXPIRE', KEYS[1], longest)
end
return #KEYS - 1
