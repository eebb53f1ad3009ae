package alianza

import "io"

// generated.go holds what the generated methods (operations_gen.go) share
// beyond call and callValue; CONTRIBUTING.md, "Generated code".

// jsonOrNil is an optional JSON body: nil for a nil req, so that nothing is
// sent rather than JSON null.
func jsonOrNil[T any](req *T) any {
	if req == nil {
		return nil
	}
	return req
}

// uploadPayload is the multipart/form-data body of a generated upload
// method: fields, then file sent as the form file field named filename.
// Its problems (a nil file, a bad field name) are added to v, so they come
// back with the path arguments' before anything is sent.
func uploadPayload(v *validator, field, filename string, file io.Reader, fields map[string]string) func() ([]byte, string, error) {
	b := MultipartBody(fields, FormFile{Field: field, Filename: filename, Content: file})
	b.check(v)
	return b.payload
}
