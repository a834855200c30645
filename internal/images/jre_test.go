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
