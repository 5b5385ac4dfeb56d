# A ShouldProcess prompt under -NonInteractive must fail, not hang.
Import-Module "$PSScriptRoot/../TinyMod/TinyMod.psd1"
Set-TinyThing -Name c -Confirm
"after confirm"
