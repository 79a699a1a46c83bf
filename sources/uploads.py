"""An upload handler that stops storing a file at the upload limit.

Django's own handlers write an upload of any size to memory or a temporary file before a form can
look at its size. This one goes first: past KB_MAX_UPLOAD_BYTES (or at once, when the request says
it is larger than that) it keeps no more of the file, only counts it, and hands the form a stand-in
with the size, so the form refuses it with its usual message (sources.extraction.check_size)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from sources.extraction import max_upload_bytes

# Room for the form's other fields in the request around a file of the largest allowed size.
FORM_OVERHEAD_BYTES = 1024 * 1024


class RefusedUpload(SimpleUploadedFile):
    """A file kept empty because it was over the limit; `size` is how much of it arrived."""

    def __init__(self, name, content_type, size):
        super().__init__(name, b"", content_type)
        self.size = size
        self.refused = True


class SizeLimitedUploadHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limit = max_upload_bytes()
        self.request_too_large = content_length > self.limit + FORM_OVERHEAD_BYTES
        self.request_length = content_length

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        self.over = self.request_too_large

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.over = True
        # None: the handlers after this one (memory, temporary file) store nothing more.
        return None if self.over else raw_data

    def file_complete(self, file_size):
        if not self.over:
            return None  # the next handler returns the file it stored
        size = max(self.received, self.request_length if self.request_too_large else 0)
        return RefusedUpload(self.file_name, self.content_type, size)
