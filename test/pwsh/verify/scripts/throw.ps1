"before"
throw "x-thrown"
"after"
