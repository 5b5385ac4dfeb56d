"three"
exit 3
