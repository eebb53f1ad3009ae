package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRunRejectsBadFlags(t *testing.T) {
	var out, errb bytes.Buffer
	assert.Error(t, run([]string{"-nope"}, &out, &errb))
	assert.Error(t, run([]string{"extra"}, &out, &errb))
	assert.Error(t, run([]string{"-addr", "256.0.0.1:99999"}, &out, &errb))
}
