# The repository has its README.
[ -f README.md ] || { echo "README.md is missing"; exit 1; }
