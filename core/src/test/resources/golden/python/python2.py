# Python 2 code still ships in malicious packages.
import urllib2
print "downloading"
print >>sys.stderr, "to stderr",
exec urllib2.urlopen(u).read() in globals()
if x <> 0777L:
    print `x`
try:
    raise ValueError, "bad"
except (IOError, OSError), e:
    pass
s = ur'raw unicode'
def f((a, b), c=1):
    return a
