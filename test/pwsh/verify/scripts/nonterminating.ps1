# A non-terminating error only: pwsh exits 0.
Get-Command Nope-NonTerminating
"still here"
