param($Name, [switch]$Flag, $Other)
"Name=$Name Flag=$Flag Other=$Other Rest=$args"
