# A non-terminating error escalated by -ErrorAction Stop: exit 1.
Get-Command Nope-Stop -ErrorAction Stop
"not reached"
