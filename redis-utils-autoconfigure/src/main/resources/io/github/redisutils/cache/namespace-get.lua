-- Reads entries of one namespace. Each entry is stored as '<generation>:<entry>'; an entry
-- written under an older generation (before invalidateNamespace) reads as a miss.
-- KEYS[1]: the namespace's generation key
-- KEYS[2..n]: entry keys of the namespace (all share the namespace's hash tag)
-- Returns {generation, entry 1 or false, ..., entry n-1 or false}; generation is '' when
-- the namespace has none yet, and then every entry is a miss.
local generation = redis.call('GET', KEYS[1])
local result = { generation or '' }
if not generation then
	for i = 2, #KEYS do
		result[i] = false
	end
	return result
end
local prefix = generation .. ':'
for i = 2, #KEYS do
	local stored = redis.call('GET', KEYS[i])
	if stored and string.sub(stored, 1, #prefix) == prefix then
		result[i] = string.sub(stored, #prefix + 1)
	else
		result[i] = false
	end
end
return result
