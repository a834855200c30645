package images

import "testing"

func TestTemurinJRE(t *testing.T) {
	for tag, want := range map[string]bool{"17-jre": true, "21-jre-alpine": true, "14-jre": false, "16-jre": false, "18-jre-focal": true, "25-jre-centos7": false} {
		if got := TemurinJREPublished(tag); got != want {
			t.Errorf("TemurinJREPublished(%s) = %v, want %v", tag, got, want)
		}
	}
	if NextJavaLTS(14) != 17 || NextJavaLTS(9) != 11 || NextJavaLTS(17) != 17 {
		t.Errorf("NextJavaLTS: 14→%d, 9→%d, 17→%d", NextJavaLTS(14), NextJavaLTS(9), NextJavaLTS(17))
	}
}

func TestUnnamedJDK(t *testing.T) {
	for _, c := range []struct {
		repo, tag string
		want      int
		ok        bool
	}{{"maven", "3.9", 26, true}, {"maven", "", 26, true}, {"gradle", "8", 21, true}, {"gradle", "jdk", 25, true}, {"maven", "3.6.3", 0, false}, {"maven", "3-amazoncorretto", 0, false}} {
		got, ok := UnnamedJDK(c.repo, c.tag)
		if got != c.want || ok != c.ok {
			t.Errorf("UnnamedJDK(%s, %s) = %d, %v; want %d, %v", c.repo, c.tag, got, ok, c.want, c.ok)
		}
	}
}
